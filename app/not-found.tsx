import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = {
  title: "페이지를 찾을 수 없습니다",
  description: "요청한 주소에 해당하는 페이지가 없습니다.",
};

export default function NotFound() {
  return (
    <main id="main" className="home not-found" tabIndex={-1}>
      <section className="hero">
        <p className="lesson-eyebrow">404 Not Found</p>
        <h1>페이지를 찾을 수 없습니다</h1>
        <p className="hero-description">
          주소가 바뀌었거나 잘못 입력되었을 수 있습니다. 웹 서버가 이렇게 답할 때 상태 코드는 404입니다.
        </p>
        <Link className="primary-button" href="/">
          코스 홈으로
        </Link>
      </section>
    </main>
  );
}
