/** The standard-library modules the embedded Python offers (everything else is rejected at load time). */
import type { Interpreter } from "../interpreter";
import type { PyModule } from "../values";
import { jsonModule } from "./json";
import { multiprocessingModule } from "./multiprocessing";
import { osModule } from "./os";
import { timeModule } from "./time";

export const stdlibModules: Record<string, (interp: Interpreter) => PyModule> = {
  time: timeModule,
  json: jsonModule,
  os: osModule,
  multiprocessing: multiprocessingModule,
};
