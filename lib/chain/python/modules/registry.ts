/** The standard-library modules the embedded Python offers (everything else is rejected at load time). */
import type { PyModule, Runtime } from "../values";
import { collectionsModule } from "./collections";
import { datetimeModule } from "./datetime";
import { functoolsModule } from "./functools";
import { jsonModule } from "./json";
import { multiprocessingModule } from "./multiprocessing";
import { osModule } from "./os";
import { randomModule } from "./random";
import { reModule } from "./re";
import { stringModule } from "./string";
import { timeModule } from "./time";
import { uuidModule } from "./uuid";

export const stdlibModules: Record<string, (interp: Runtime) => PyModule> = {
  time: timeModule,
  json: jsonModule,
  os: osModule,
  multiprocessing: multiprocessingModule,
  functools: functoolsModule,
  random: randomModule,
  datetime: datetimeModule,
  uuid: uuidModule,
  re: reModule,
  collections: collectionsModule,
  string: stringModule,
  "os.path": (interp) => interp.importModule("os").attrs.get("path") as PyModule,
};
