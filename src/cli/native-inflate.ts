/**
 * Node's zlib as the reader's raw-deflate decoder: several times faster than the built-in JavaScript
 * one. Node shells only (CLI, benchmark); the browser keeps the built-in decoder. maxOutputLength
 * makes zlib stop and throw as soon as the output would pass what the reader's limits allow, so a
 * zip bomb still costs at most that much.
 */
import { inflateRawSync } from "zlib";
import type { InflateRaw } from "../xlsx/read";

export const nodeInflateRaw: InflateRaw = (compressed, maxOutput) =>
  inflateRawSync(compressed, { maxOutputLength: Math.max(1, maxOutput) });
