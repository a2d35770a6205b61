// firebase-functions/params: every parameter reads `process.env[name]`, where the runtime puts
// the secrets named at deploy (string params imported as secrets or env too).

interface ParamOptions<T> {
  default?: T;
  description?: string;
}

class Param<T> {
  constructor(
    readonly name: string,
    private readonly parse: (raw: string) => T,
    private readonly options: ParamOptions<T> = {},
  ) {}
  value(): T {
    const raw = process.env[this.name];
    if (raw === undefined) {
      if (this.options.default !== undefined) return this.options.default;
      return this.parse("");
    }
    return this.parse(raw);
  }
  toString(): string {
    return `params.${this.name}`;
  }
  toJSON(): string {
    return this.toString();
  }
}

export type { Param };
export const defineSecret = (name: string) => new Param<string>(name, (raw) => raw);
export const defineString = (name: string, options?: ParamOptions<string>) =>
  new Param<string>(name, (raw) => raw, options);
export const defineInt = (name: string, options?: ParamOptions<number>) =>
  new Param<number>(name, (raw) => (raw === "" ? 0 : Number.parseInt(raw, 10)), options);
export const defineFloat = (name: string, options?: ParamOptions<number>) =>
  new Param<number>(name, (raw) => (raw === "" ? 0 : Number(raw)), options);
export const defineBoolean = (name: string, options?: ParamOptions<boolean>) =>
  new Param<boolean>(name, (raw) => raw === "true", options);
export const defineList = (name: string, options?: ParamOptions<string[]>) =>
  new Param<string[]>(name, (raw) => (raw === "" ? [] : raw.split(",")), options);
export const defineJsonSecret = (name: string) =>
  new Param<unknown>(name, (raw) => (raw === "" ? {} : JSON.parse(raw)));

/** Built-in params: the project is the runtime's. */
export const projectID = new Param<string>("GCLOUD_PROJECT", (raw) => raw);
export const databaseURL = new Param<string>("FIREBASE_DATABASE_URL", (raw) => raw);
export const storageBucket = new Param<string>("STORAGE_BUCKET", (raw) => raw);
export const gcloudProject = projectID;
