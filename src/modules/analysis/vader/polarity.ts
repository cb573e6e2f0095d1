import { vaderLexicon } from './lexicon.js';
import {
  BOOST,
  CAPS_BOOST,
  DEGREE_MODIFIERS,
  EXCLAMATION_BOOST,
  IDIOMS,
  MAX_EXCLAMATIONS,
  MAX_QUESTION_BOOST,
  NEGATION_SCALAR,
  NEGATIONS,
  NORMALIZATION_ALPHA,
  QUESTION_BOOST,
} from './rules.js';
import { vaderTokens } from './tokens.js';

/** VADER's scores: compound in -1..1, and the shares of positive, neutral and negative intensity (3 decimals). */
export interface PolarityScores {
  neg: number;
  neu: number;
  pos: number;
  compound: number;
}

/** What every rule looks at: the tokens as written, lower-cased, and whether only some are in capitals. */
interface Tokens {
  raw: readonly string[];
  lower: readonly string[];
  capsStandOut: boolean;
  lexicon: ReadonlyMap<string, number>;
}

/**
 * VADER (Hutto & Gilbert, 2014), scoring exactly as the `vader-sentiment` npm package does —
 * including its quirks, such as case-sensitive negation and idiom matching — without the per-word
 * allocations of its tokenizer.
 */
export function polarityScores(text: string): PolarityScores {
  const raw = vaderTokens(text);
  if (raw.length === 0) return { neg: 0, neu: 0, pos: 0, compound: 0 };
  const lower = raw.map((token) => token.toLowerCase());
  let inCapitals = 0;
  for (const token of raw) if (isAllCaps(token)) inCapitals += 1;
  const tokens: Tokens = { raw, lower, capsStandOut: inCapitals > 0 && inCapitals < raw.length, lexicon: vaderLexicon() };

  const valences: number[] = [];
  for (let i = 0; i < raw.length; i += 1) {
    const startsKindOf = lower[i] === 'kind' && lower[i + 1] === 'of';
    valences.push(startsKindOf || DEGREE_MODIFIERS.has(lower[i] ?? '') ? 0 : valenceAt(tokens, i));
  }
  shiftAroundBut(raw, valences);
  return summarize(valences, text);
}

function valenceAt(tokens: Tokens, i: number): number {
  const { raw, lower, capsStandOut, lexicon } = tokens;
  const base = lexicon.get(lower[i] ?? '');
  if (base === undefined) return 0;
  let valence = base;
  if (capsStandOut && isAllCaps(raw[i] ?? '')) valence += valence > 0 ? CAPS_BOOST : -CAPS_BOOST;
  // The three preceding words may boost, dampen or negate — unless they carry sentiment themselves.
  for (let distance = 1; distance <= 3 && distance <= i; distance += 1) {
    if (lexicon.has(lower[i - distance] ?? '')) continue;
    let scalar = degreeScalar(tokens, i - distance, valence);
    if (distance === 2 && scalar !== 0) scalar *= 0.95;
    else if (distance === 3 && scalar !== 0) scalar *= 0.9;
    valence += scalar;
    valence = negationCheck(raw, i, distance, valence);
    if (distance === 3) valence = idiomCheck(raw, i, valence);
  }
  return leastCheck(tokens, i, valence);
}

/** A booster or dampener's effect, in the direction of the valence, larger when it alone is in capitals. */
function degreeScalar({ raw, lower, capsStandOut }: Tokens, at: number, valence: number): number {
  const modifier = DEGREE_MODIFIERS.get(lower[at] ?? '');
  if (modifier === undefined) return 0;
  let scalar = valence < 0 ? -modifier : modifier;
  if (capsStandOut && isAllCaps(raw[at] ?? '')) scalar += valence > 0 ? CAPS_BOOST : -CAPS_BOOST;
  return scalar;
}

/** "never so/this good" intensifies; any other negation 1–3 words back flips the valence. */
function negationCheck(raw: readonly string[], i: number, distance: number, valence: number): number {
  const soOrThis = (word: string | undefined) => word === 'so' || word === 'this';
  if (distance === 1) return isNegation(raw[i - 1]) ? valence * NEGATION_SCALAR : valence;
  if (distance === 2) {
    if (raw[i - 2] === 'never' && soOrThis(raw[i - 1])) return valence * 1.5;
    return isNegation(raw[i - 2]) ? valence * NEGATION_SCALAR : valence;
  }
  if ((raw[i - 3] === 'never' && soOrThis(raw[i - 2])) || soOrThis(raw[i - 1])) return valence * 1.25;
  return isNegation(raw[i - 3]) ? valence * NEGATION_SCALAR : valence;
}

function isNegation(word: string | undefined): boolean {
  return word !== undefined && (NEGATIONS.has(word) || word.includes("n't"));
}

/** Idioms around the word replace its valence; a two-word dampener ("kind of") before it weakens it. */
function idiomCheck(raw: readonly string[], i: number, valence: number): number {
  const [three, two, one, zero] = [raw[i - 3], raw[i - 2], raw[i - 1], raw[i]];
  const oneZero = `${one} ${zero}`;
  const twoOne = `${two} ${one}`;
  const threeTwo = `${three} ${two}`;
  for (const sequence of [oneZero, `${two} ${oneZero}`, twoOne, `${threeTwo} ${one}`, threeTwo]) {
    const idiom = IDIOMS.get(sequence);
    if (idiom !== undefined) {
      valence = idiom;
      break;
    }
  }
  if (i + 1 < raw.length) valence = IDIOMS.get(`${zero} ${raw[i + 1]}`) ?? valence;
  if (i + 2 < raw.length) valence = IDIOMS.get(`${zero} ${raw[i + 1]} ${raw[i + 2]}`) ?? valence;
  if (DEGREE_MODIFIERS.has(threeTwo) || DEGREE_MODIFIERS.has(twoOne)) valence -= BOOST;
  return valence;
}

/** "least" before a word negates it, except in "at least" and "very least". */
function leastCheck({ lower, lexicon }: Tokens, i: number, valence: number): number {
  if (i === 0 || lower[i - 1] !== 'least' || lexicon.has('least')) return valence;
  if (i > 1 && (lower[i - 2] === 'at' || lower[i - 2] === 'very')) return valence;
  return valence * NEGATION_SCALAR;
}

/** What follows the first "but" matters more than what precedes it. */
function shiftAroundBut(raw: readonly string[], valences: number[]): void {
  let but = raw.indexOf('but');
  if (but === -1) but = raw.indexOf('BUT');
  if (but === -1) return;
  for (let i = 0; i < valences.length; i += 1) {
    if (i < but) valences[i] = (valences[i] ?? 0) * 0.5;
    else if (i > but) valences[i] = (valences[i] ?? 0) * 1.5;
  }
}

function summarize(valences: readonly number[], text: string): PolarityScores {
  let sum = 0;
  let positive = 0;
  let negative = 0;
  let neutral = 0;
  for (const valence of valences) {
    sum += valence;
    // ±1 compensates for neutral words being counted as 1 each.
    if (valence > 0) positive += valence + 1;
    else if (valence < 0) negative += valence - 1;
    else neutral += 1;
  }
  const emphasis = punctuationEmphasis(text);
  if (sum > 0) sum += emphasis;
  else if (sum < 0) sum -= emphasis;
  if (positive > Math.abs(negative)) positive += emphasis;
  else if (positive < Math.abs(negative)) negative -= emphasis;

  const total = positive + Math.abs(negative) + neutral;
  return {
    neg: round(Math.abs(negative / total), 3),
    neu: round(Math.abs(neutral / total), 3),
    pos: round(Math.abs(positive / total), 3),
    compound: round(normalize(sum), 4),
  };
}

/** Up to four "!" add intensity; two or three "?" add some, more add a fixed amount. */
function punctuationEmphasis(text: string): number {
  let exclamations = 0;
  let questions = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 0x21) exclamations += 1;
    else if (code === 0x3f) questions += 1;
  }
  const exclamation = Math.min(exclamations, MAX_EXCLAMATIONS) * EXCLAMATION_BOOST;
  const question = questions <= 1 ? 0 : questions <= 3 ? questions * QUESTION_BOOST : MAX_QUESTION_BOOST;
  return exclamation + question;
}

function normalize(score: number): number {
  return Math.max(-1, Math.min(1, score / Math.sqrt(score * score + NORMALIZATION_ALPHA)));
}

/** Rounds as the package does (via toFixed), so scores compare equal. */
function round(value: number, digits: number): number {
  return Number.parseFloat(value.toFixed(digits));
}

/** Python's str.isupper() on ASCII: at least one A–Z and no a–z (so ":D" is, ":)" is not). */
function isAllCaps(token: string): boolean {
  let upper = false;
  for (let i = 0; i < token.length; i += 1) {
    const code = token.charCodeAt(i);
    if (code >= 0x61 && code <= 0x7a) return false;
    if (code >= 0x41 && code <= 0x5a) upper = true;
  }
  return upper;
}
