import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let lexicon: ReadonlyMap<string, number> | undefined;

/**
 * VADER's word and emoticon valences, read from the lexicon file the `vader-sentiment` package
 * ships (one entry a line: token, mean valence, standard deviation, raw ratings; tab-separated).
 * A few tokens appear twice; the later line wins, as it does in the package's own lexicon object.
 */
export function vaderLexicon(): ReadonlyMap<string, number> {
  if (!lexicon) {
    const path = createRequire(import.meta.url).resolve('vader-sentiment/vader_lexicon.txt');
    const entries = new Map<string, number>();
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const [token, valence] = line.split('\t', 2);
      if (token && valence) entries.set(token, Number(valence));
    }
    lexicon = entries;
  }
  return lexicon;
}
