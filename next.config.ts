import type { NextConfig } from "next";
import { securityHeaders } from "./lib/security-headers";

// COURSE_BASE_PATH lets an instructor host the course under a sub-path such as /course.
const basePath = process.env.COURSE_BASE_PATH?.replace(/\/+$/, "") || undefined;

const nextConfig: NextConfig = {
  basePath,
  env: { NEXT_PUBLIC_BASE_PATH: basePath ?? "" },
  poweredByHeader: false,
  // Next's own "/x/ → /x" redirect would keep the sandbox from ever answering a path that ends in a slash (a
  // directory such as /static/, Flask's /about/): it is switched off and done below for every other path.
  skipTrailingSlashRedirect: true,
  async redirects() {
    return [{ source: "/:path((?!sandbox/).+)/", destination: "/:path", permanent: true }];
  },
  async headers() {
    // The sandbox answers exactly as the modelled site would, so it gets the chain's headers and no others.
    return [{ source: "/((?!sandbox/).*)", headers: securityHeaders({ development: process.env.NODE_ENV === "development" }) }];
  },
};

export default nextConfig;
