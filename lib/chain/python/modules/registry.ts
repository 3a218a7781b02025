/** The standard-library modules the embedded Python offers (everything else is rejected at load time). */
import type { PyModule, Runtime } from "../values";
import { jsonModule } from "./json";
import { multiprocessingModule } from "./multiprocessing";
import { osModule } from "./os";
import { timeModule } from "./time";

export const stdlibModules: Record<string, (interp: Runtime) => PyModule> = {
  time: timeModule,
  json: jsonModule,
  os: osModule,
  multiprocessing: multiprocessingModule,
};
