/**
 * Code facts: the shared structural reading of Python and JavaScript/TypeScript sources. Checks
 * import from here; see "Code facts" in docs/writing-checks.md.
 */
export { sourceFilesFact, isTestPath, isVendoredPath, looksMinified, type SourceFile } from './sources.js';
export { codeIndexFact, loadCodeFile, indexFromSources, type CodeFile, type CodeIndex } from './code-index.js';
export { collectImports, importedModules, type ImportBinding } from './imports.js';
export { originOf, originIs, definitionOf, type Origin } from './resolve.js';
export { valueOf, truthy, stringsOf, type Value } from './values.js';
export { findCalls, findCallsEverywhere, optionOf, optionsObject, callSite, type CallSite, type CallTarget } from './calls.js';
export { requestHandlerIds, inRequestHandler } from './handlers.js';
export { WEB_MODULES, webFiles, isWebService } from './web.js';
export { filesReaching, moduleNeedle } from './reach.js';
export { enclosingFunction, enclosingClass, isModuleLevel, insideMainGuard, decoratorsOf, isFunctionNode } from './scope.js';
export { lineOf, kindOf, shortText, findKinds, findRule, codeLangOf, pythonParser, javascriptParser, typescriptParser, tsxParser, type CodeLang, type CodeTree } from '../../context/parsers/code.js';
