// Rules the SDK's storage tests deploy: each user owns the files under users/<uid>/ (the
// brief of a typical app), and no document rules, since these tests read no documents.

/** Firestore rules that allow nothing. */
export const NO_DOCUMENTS = `rules_version = '2';
service cloud.firestore { match /databases/{database}/documents { } }`;

/** Storage rules: a signed-in user reads, lists and writes their own folder, nobody else's. */
export const OWNER_ONLY = `rules_version = '2';
service firebase.storage {
  match /b/{bucket}/o {
    match /users/{uid}/{file=**} {
      allow read, write: if request.auth.uid == uid;
    }
  }
}`;
