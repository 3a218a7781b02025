import { describe, expect, it } from "vitest";
import { buildErrorMessage, sequenceRatio } from "./build-error";

describe("difflib ratio (values printed by Python 3.11)", () => {
  it.each([
    ["user", "nope", 0.25],
    ["index", "nope", 0.4444444444444444],
    ["user", "User", 0.75],
    ["show_environ", "environ", 0.7368421052631579],
    ["abc", "", 0],
  ])("%s / %s", (a, b, ratio) => {
    expect(sequenceRatio(a, b)).toBeCloseTo(ratio, 12);
  });
});

describe("BuildError messages as Werkzeug 2.2.2 prints them", () => {
  const rules = [
    { endpoint: "user", arguments: ["uid"] },
    { endpoint: "index", arguments: [] },
  ];
  it.each([
    ["user", [], "Could not build url for endpoint 'user'. Did you forget to specify values ['uid']?"],
    ["nope", [], "Could not build url for endpoint 'nope'. Did you mean 'index' instead?"],
    ["User", [], "Could not build url for endpoint 'User'. Did you mean 'user' instead?"],
  ])("%s", (endpoint, values, message) => {
    expect(buildErrorMessage(endpoint, values, rules)).toEqual({ pyType: "BuildError", message });
  });
});
