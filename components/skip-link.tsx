export function SkipLink() {
  return (
    <a className="skip-link" href="#main">
      본문으로 건너뛰기
    </a>
  );
}
