import type { NextConfig } from "next";

// COURSE_BASE_PATH lets an instructor host the course under a sub-path such as /course.
const basePath = process.env.COURSE_BASE_PATH?.replace(/\/+$/, "") || undefined;

const nextConfig: NextConfig = {
  basePath,
  env: { NEXT_PUBLIC_BASE_PATH: basePath ?? "" },
  poweredByHeader: false,
};

export default nextConfig;
