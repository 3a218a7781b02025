import type { Metadata } from "next";
import { CreateClassForm } from "@/components/classroom/create-class-form";
import { JoinForm } from "@/components/classroom/join-form";
import styles from "@/components/classroom/classroom.module.css";

export const metadata: Metadata = {
  title: "수업에 참여하기",
  description: "강사가 알려 준 반 코드와 별명으로 수업에 참여하면, 진도와 확인 문제의 답이 강사의 대시보드에 모입니다.",
};

export default function ClassPage() {
  return (
    <main id="main" className={styles.page} tabIndex={-1}>
      <h1>수업에 참여하기</h1>
      <p>
        강사가 알려 준 <strong>반 코드</strong>와 <strong>별명</strong>을 입력하세요. 실명, 학번, 이메일은 묻지 않습니다. 참여하면 레슨을
        시작하고 마친 것, 퀴즈·예측의 답, 도전 과제의 결과가 강사의 대시보드로 갑니다. 다른 학생의 기록은 볼 수 없습니다. 코드 없이도
        코스는 지금처럼 모두 쓸 수 있습니다.
      </p>
      <JoinForm />
      <h2>강사용: 새 반 만들기</h2>
      <p>
        반을 만들면 학생에게 알려 줄 코드와, 대시보드를 여는 <strong>강사 링크</strong>가 생깁니다. 강사 링크는 비밀번호와 같습니다: 학생에게
        보여 주지 마세요.
      </p>
      <CreateClassForm />
    </main>
  );
}
