/** Values a page, a HAR file or a hostile server can put where a snippet writes a literal. */
export const HOSTILE = [
  'http://127.0.0.1:5173',
  'a"b\\c',
  "x'y",
  '`${process.exit(1)}`',
  '"); os.system("id") #',
  '\n// new line\r\u2028\u2029',
  '\u0000\u0001\u001f\u007f',
  'é ü 漢字',
  '😀 astral',
  'lone \ud800 surrogate',
  '\\u0041 not an escape',
  '$uri ${host}',
  '*/ <!-- #',
];
