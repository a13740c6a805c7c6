/** The size a knowledge chunk aims at: big enough to carry a fact with its context, small enough to retrieve precisely. */
export const CHUNK_MAX_CHARS = 800;

/** The largest text a knowledge base is built from (UTF-8 bytes). */
export const KNOWLEDGE_TEXT_MAX_BYTES = 500_000;

interface Piece {
  text: string;
  /** Whether the piece begins a paragraph: chunks join paragraphs with a blank line, sentences with a space. */
  opensParagraph: boolean;
}

/**
 * Sentences end at terminal punctuation (and closing quotes or brackets) followed by a space. Not
 * `Intl.Segmenter`: V8 copies the whole input into every segment it yields, which makes a 500 kB
 * paragraph cost gigabytes.
 */
const sentencesOf = (paragraph: string): string[] => paragraph.split(/(?<=[.!?…。！？]['"’”)\]]*) /u).filter(Boolean);

/** Packs words into runs of at most `maxChars`; a word longer than that is cut. */
function wordRuns(sentence: string, maxChars: number): string[] {
  const runs: string[] = [];
  let run = '';
  for (const word of sentence.split(' ')) {
    for (let start = 0; start < word.length; start += maxChars) {
      const part = word.slice(start, start + maxChars);
      if (run && run.length + 1 + part.length <= maxChars) run += ` ${part}`;
      else {
        if (run) runs.push(run);
        run = part;
      }
    }
  }
  if (run) runs.push(run);
  return runs;
}

/** A paragraph as pieces no longer than `maxChars`: whole if it fits, else its sentences, else runs of words. */
function piecesOf(paragraph: string, maxChars: number): Piece[] {
  const parts =
    paragraph.length <= maxChars
      ? [paragraph]
      : sentencesOf(paragraph).flatMap((sentence) =>
          sentence.length <= maxChars ? [sentence] : wordRuns(sentence, maxChars),
        );
  return parts.map((text, index) => ({ text, opensParagraph: index === 0 }));
}

/**
 * Splits a text into retrieval chunks of at most `maxChars` characters, cutting at paragraph
 * boundaries when it can, then at sentence boundaries, then between words: a chunk holds whole
 * paragraphs (or whole sentences of a long one) whenever they fit. Whitespace inside a paragraph
 * is collapsed to single spaces.
 */
export function chunkText(text: string, maxChars = CHUNK_MAX_CHARS): string[] {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const chunks: string[] = [];
  let chunk = '';
  for (const piece of paragraphs.flatMap((paragraph) => piecesOf(paragraph, maxChars))) {
    const separator = piece.opensParagraph ? '\n\n' : ' ';
    if (chunk && chunk.length + separator.length + piece.text.length <= maxChars) chunk += separator + piece.text;
    else {
      if (chunk) chunks.push(chunk);
      chunk = piece.text;
    }
  }
  if (chunk) chunks.push(chunk);
  return chunks;
}
