import { describe, expect, it } from "vitest";
import { mentions, quizAnswerTold, textAbovePredict, textOutsideQuiz } from "./predict-order";

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

describe("quizAnswerTold", () => {
  const source = `## 헤더

- 헤더 다음의 빈 줄이 헤더의 끝을 알립니다.

<Quiz
  id="q"
  questions={[{ question: "끝은?", choices: [{ text: "헤더 다음의 빈 줄", correct: true }] }]}
/>
`;
  it("finds a multi-word right answer the lesson already prints, outside the quiz itself", () => {
    const outside = textOutsideQuiz(source, "q");
    expect(outside).not.toContain("<Quiz");
    expect(quizAnswerTold(outside, "헤더 다음의 빈 줄")).toBe(true);
    expect(quizAnswerTold(outside, "Host 줄까지만 헤더입니다")).toBe(false);
  });
  it("leaves single words and values to the question", () => {
    expect(quizAnswerTold("Nginx가 504 Gateway Time-out을 보냅니다", "504 Gateway Time-out")).toBe(false);
    expect(quizAnswerTold("location ^~ /static/ 블록", "location ^~ /static/")).toBe(false);
    expect(quizAnswerTold("Nginx가 답합니다", "Nginx")).toBe(false);
  });
});
