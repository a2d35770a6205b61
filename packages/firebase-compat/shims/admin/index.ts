// `firebase-admin`: the namespaced API (`admin.initializeApp()`, `admin.firestore()`,
// `admin.firestore.FieldValue`, `admin.auth()`), as named exports (import * as admin,
// require) and as the default export (import admin from).
import * as firestoreModule from "./firestore.js";
import { getAuth } from "./auth.js";
import {
  applicationDefault,
  apps,
  cert,
  deleteApp,
  getApp,
  initializeApp,
  refreshToken,
} from "./app.js";

/** `admin.firestore()` answers the Firestore; its properties are the module's classes. */
export const firestore = Object.assign(() => firestoreModule.getFirestore(), firestoreModule);
export const auth = Object.assign(() => getAuth(), { Auth: getAuth().constructor });
export const credential = { cert, applicationDefault, refreshToken };
export const app = (name?: string) => getApp(name);
export { apps, deleteApp, initializeApp };

const admin = { initializeApp, app, apps, deleteApp, firestore, auth, credential };
export default admin;
