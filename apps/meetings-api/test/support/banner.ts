/** Reads the `curl` commands out of the embedded-mode banner and replays them with `fetch`. */

export interface CurlRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** Splits a command line into words: single quotes and backslash-newlines as a POSIX shell reads them. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let current = "";
  let inWord = false;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i]!;
    if (ch === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated quote in: ${command}`);
      current += command.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (ch === "\\" && command[i + 1] === "\n") {
      i++;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** The curl commands in `text`, each with its continuation lines. */
export function curlCommands(text: string): string[] {
  const lines = text.split("\n");
  const commands: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.trim().startsWith("curl ")) continue;
    let command = lines[i]!.trim();
    while (command.endsWith("\\") && i + 1 < lines.length) command = `${command}\n${lines[++i]!.trim()}`;
    commands.push(command);
  }
  return commands;
}

/** Parses the curl options the banner uses: -X, -H, -d and the URL (-sS ignored). */
export function parseCurl(command: string): CurlRequest {
  const words = shellWords(command);
  if (words.shift() !== "curl") throw new Error(`not a curl command: ${command}`);
  const request: CurlRequest = { method: "GET", url: "", headers: {}, body: undefined };
  while (words.length > 0) {
    const word = words.shift()!;
    if (word === "-X") request.method = words.shift()!;
    else if (word === "-H") {
      const header = words.shift()!;
      const colon = header.indexOf(":");
      request.headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
    } else if (word === "-d") {
      request.body = words.shift()!;
      if (request.method === "GET") request.method = "POST";
    } else if (word.startsWith("-")) {
      if (!/^-[sS]+$/.test(word)) throw new Error(`unexpected curl option ${word}`);
    } else request.url = word;
  }
  return request;
}

export function replay(request: CurlRequest): Promise<Response> {
  return fetch(request.url, {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
}
