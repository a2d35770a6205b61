// firebase-admin/firestore.
export { WriteBatch, Transaction } from "../firestore/batch.js";
export { Firestore, getFirestore } from "../firestore/firestore.js";
export { Filter, Query } from "../firestore/query.js";
export { CollectionReference, DocumentReference } from "../firestore/references.js";
export { DocumentSnapshot, QuerySnapshot } from "../firestore/snapshots.js";
export { DocumentSnapshot as QueryDocumentSnapshot } from "../firestore/snapshots.js";
export { FieldPath, FieldValue, GeoPoint, Timestamp } from "../firestore/values.js";
export { getFirestore as initializeFirestore } from "../firestore/firestore.js";
