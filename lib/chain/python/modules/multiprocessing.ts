/** `multiprocessing`: only cpu_count(), as gunicorn.conf.py files use it (the course machine has 2 CPUs). */
import type { PyModule } from "../values";
import { pyBuiltin, pyModule } from "../values";

export const CPU_COUNT = 2n;

export function multiprocessingModule(): PyModule {
  return pyModule("multiprocessing", { cpu_count: pyBuiltin("cpu_count", () => CPU_COUNT) });
}
