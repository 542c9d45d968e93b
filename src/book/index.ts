/** The book as the source of the plan: read it back from a tracking workbook and check it. */
export { readBook, readBookWorkbook, type BookRead, type BookReadOptions } from "./read";
export { formatBookProblem, hasErrors, type BookProblem, type BookProblemCode } from "./problems";
