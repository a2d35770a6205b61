export { change, describeSyncAdapter, int, type Inspect } from "./conformance.js";
export { FakeFirestore, type InjectedFailure, type RecordedCommit } from "./fake-firestore.js";
export { invalidFields, invalidValue } from "./firestore-values.js";
export { FakeEventLog } from "./fake-event-log.js";
