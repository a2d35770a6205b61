import { describe, expect, it } from "vitest";
import {
  arrayValue,
  doubleValue,
  fieldsOf,
  integerValue,
  nullValue,
  stringValue,
  type DocFields,
  type DocValue,
} from "../model/value.js";
import { matches } from "./matcher.js";
import type { FieldOperator, UnaryOperator } from "./query-model.js";

const docs: Record<string, DocFields> = {
  one: fieldsOf({ n: integerValue(1) }),
  three: fieldsOf({ n: integerValue(3) }),
  nan: fieldsOf({ n: doubleValue(NaN) }),
  text: fieldsOf({ n: stringValue("3") }),
  null: fieldsOf({ n: nullValue() }),
  missing: fieldsOf({ other: integerValue(0) }),
  pair: fieldsOf({ n: arrayValue([stringValue("x"), stringValue("y")]) }),
};

const field = (op: FieldOperator, value: DocValue) =>
  Object.keys(docs).filter((id) =>
    matches({ kind: "field", field: ["n"], op, value }, docs[id]!, `items/${id}`),
  );
const unary = (op: UnaryOperator) =>
  Object.keys(docs).filter((id) =>
    matches({ kind: "unary", field: ["n"], op }, docs[id]!, `items/${id}`),
  );

describe("matches", () => {
  describe("when the field is null", () => {
    it("excludes the document from != filters", () => {
      expect(field("NOT_EQUAL", integerValue(3))).toEqual(["one", "nan", "text", "pair"]);
      expect(field("NOT_EQUAL", nullValue())).toEqual(["one", "three", "nan", "text", "pair"]);
    });

    it("excludes the document from not-in filters", () => {
      expect(field("NOT_IN", arrayValue([integerValue(1), stringValue("3")]))).toEqual([
        "three",
        "nan",
        "pair",
      ]);
    });

    it("excludes the document from is-not-NaN filters, as is-not-null does", () => {
      expect(unary("IS_NOT_NAN")).toEqual(["one", "three", "text", "pair"]);
      expect(unary("IS_NOT_NULL")).toEqual(["one", "three", "nan", "text", "pair"]);
    });

    it("still matches == null, in [null] and is null", () => {
      expect(field("EQUAL", nullValue())).toEqual(["null"]);
      expect(field("IN", arrayValue([nullValue()]))).toEqual(["null"]);
      expect(unary("IS_NULL")).toEqual(["null"]);
    });
  });

  it("matches nothing with not-in when null is among the values", () => {
    expect(field("NOT_IN", arrayValue([integerValue(1), nullValue()]))).toEqual([]);
  });

  it("compares whole arrays in in and not-in lists", () => {
    const xy = arrayValue([stringValue("x"), stringValue("y")]);
    const yx = arrayValue([stringValue("y"), stringValue("x")]);
    expect(field("IN", arrayValue([xy, integerValue(1)]))).toEqual(["one", "pair"]);
    expect(field("IN", arrayValue([yx]))).toEqual([]);
    expect(field("NOT_IN", arrayValue([xy]))).toEqual(["one", "three", "nan", "text"]);
  });
});
