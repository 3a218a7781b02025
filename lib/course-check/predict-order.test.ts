import { describe, expect, it } from "vitest";
import { mentions, textAbovePredict } from "./predict-order";

const lesson = `## A

The answer is 404 here.

## B

Some text about 308 redirects.

<Predict
  id="second"
  ask="status"
/>

<Predict id="third" ask="status" />
`;

describe("textAbovePredict", () => {
  it("takes the section from the last heading down to the Predict", () => {
    expect(textAbovePredict(lesson, "second")).toBe("\nSome text about 308 redirects.\n\n");
  });
  it("stops at the previous widget", () => {
    expect(textAbovePredict(lesson, "third")).toBe("");
  });
  it("fails loudly for an unknown id", () => {
    expect(() => textAbovePredict(lesson, "nope")).toThrow();
  });
});

describe("mentions", () => {
  it("finds the answer as a whole token", () => {
    expect(mentions("Some text about 308 redirects.", "308")).toBe(true);
    expect(mentions("a 1308 b /308/", "308")).toBe(false);
    expect(mentions("Nginx picks location  ^~ /images/ first", "location ^~ /images/")).toBe(true);
  });
});
