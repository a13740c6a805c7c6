import { describe, expect, it } from 'vitest';
import { CHUNK_MAX_CHARS, chunkText } from '../../src/domain/knowledge-base.js';

const words = (text: string) => text.split(/\s+/).filter(Boolean);
const sentence = (n: number, length: number) => `Sentence ${n} ${'x'.repeat(length - `Sentence ${n} .`.length)}.`;

describe('chunkText', () => {
  it('has nothing to chunk in blank text', () => {
    expect(chunkText('')).toEqual([]);
    expect(chunkText(' \n\n \t\n')).toEqual([]);
  });

  it('keeps a short text whole, with its whitespace collapsed', () => {
    expect(chunkText('  We ship\tto   Spain.\r\nAnd Portugal.  ')).toEqual(['We ship to Spain. And Portugal.']);
  });

  it('packs whole paragraphs into a chunk while they fit, separated by a blank line', () => {
    const paragraphs = ['a'.repeat(300), 'b'.repeat(300), 'c'.repeat(300)];
    expect(chunkText(paragraphs.join('\n\n'))).toEqual([`${paragraphs[0]}\n\n${paragraphs[1]}`, paragraphs[2]]);
    expect(chunkText(paragraphs.join('\n  \n'), 1000)).toEqual([paragraphs.join('\n\n')]);
  });

  it('cuts a long paragraph between sentences', () => {
    const sentences = [1, 2, 3, 4, 5].map((n) => sentence(n, 300));
    const chunks = chunkText(sentences.join(' '));
    expect(chunks).toEqual([sentences.slice(0, 2).join(' '), sentences.slice(2, 4).join(' '), sentences[4]]);
  });

  it('cuts a sentence longer than a chunk between words, and a word longer than a chunk anywhere', () => {
    const longSentence = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');
    const giantWord = 'z'.repeat(CHUNK_MAX_CHARS * 2 + 10);
    const chunks = chunkText(`${longSentence}\n\n${giantWord}`);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(CHUNK_MAX_CHARS);
    expect(chunks.filter((chunk) => /^z+$/.test(chunk)).join('')).toBe(giantWord);
    expect(words(chunks.filter((chunk) => chunk.startsWith('word')).join(' '))).toEqual(words(longSentence));
  });

  it('never exceeds the size and loses no word of a realistic text', () => {
    const text = Array.from(
      { length: 40 },
      (_, p) =>
        `Section ${p}. ` +
        Array.from({ length: (p % 7) + 1 }, (_, s) => `Fact ${s} of section ${p} is stated here in plain words.`).join(
          ' ',
        ),
    ).join('\n\n');
    const chunks = chunkText(text, 200);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(200);
    expect(words(chunks.join(' '))).toEqual(words(text));
    // No chunk begins mid-sentence: cuts fall on sentence or paragraph boundaries.
    for (const chunk of chunks) expect(chunk).toMatch(/^(Section|Fact) /);
  });
});
