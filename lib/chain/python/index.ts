/**
 * Public API of the embedded Python (see README.md). Everything a host (lib/chain/flask, the gateways) needs
 * is exported here; other files are internal.
 */
export type {
  PyValue,
  PyObject,
  PyBytes,
  PyList,
  PyTuple,
  PyDictObject,
  PySet,
  PyRange,
  PyFunction,
  PyBuiltin,
  PyBoundMethod,
  PyModule,
  PyClass,
  PyInstance,
  PyIterator,
  NativeClass,
  NativeFn,
  Kwargs,
  BinaryOperator,
  ExceptionState,
  TracebackEntry,
  Runtime,
  PlainValue,
  TracebackStyle,
} from "./values";
export { pyList, pyTuple, pyBytes, pyBuiltin, pyModule, isInt, isFloat, isObject, isInstance, strOf } from "./values";
export { pyError, isPyException, PyRaise } from "./classes";
export { dictGet, dictSet, dictDelete, dictItems } from "./dict";
export {
  createInterpreter,
  Interpreter,
  type InterpreterOptions,
  type HostModuleFactory,
  type LoadOptions,
  type CallOptions,
  type LoadOutcome,
  type RunOutcome,
  type OutputEntry,
} from "./interpreter";
export { jsonDumps, jsonLoads, type JsonDumpsOptions } from "./modules/json";
export { assignmentLines, evaluateConfigModule } from "./config";
export { builtinClass, functionCaptures, makeClass } from "./interpreter";
export {
  checkReuse,
  checkSourceReuse,
  PURE_BUILTINS,
  PYTHON_READ_ONLY_ATTRIBUTES,
  type ReusePolicy,
  type ReuseVerdict,
  type NameUse,
} from "./reuse-check";
export { floatRepr } from "./floatfmt";
/** Python's operators and item access, for hosts that evaluate their own expressions (lib/chain/jinja). */
export { binaryOp, unaryOp, compareOp, contains } from "./ops";
export { getItem } from "./items";
export { uuidClassShared } from "./modules/uuid";
export { honestLimitText } from "./modules/real-names";
export { translatePythonRegex } from "./modules/re";
