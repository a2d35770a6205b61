/** The scripted OpenAI-compatible server: plain `node:http`, no OpenAI or LangChain import. */
export { startScriptedOpenAI, type ScriptedOpenAI } from "./server.js";
export { contentText, lastUserText } from "./script.js";
export type {
  ChatCompletionBody,
  ChatCompletionMessage,
  RecordedRequest,
  ReplySource,
  RequestMatcher,
  RequestOutcome,
  ScriptRule,
  ScriptedError,
  ScriptedOpenAIOptions,
  ScriptedReply,
  ScriptedTiming,
  ScriptedToolCall,
  ScriptedUsage,
} from "./types.js";
