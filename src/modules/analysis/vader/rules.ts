/** VADER's empirically derived constants and word lists (Hutto & Gilbert, ICWSM 2014). */

/** Intensity added by a booster ("very") or removed by a dampener ("slightly"). */
export const BOOST = 0.293;
/** Intensity added by writing a sentiment word in capitals while the rest of the text is not. */
export const CAPS_BOOST = 0.733;
/** A negated valence flips and shrinks. */
export const NEGATION_SCALAR = -0.74;
/** Normalisation of the summed valence to -1..1: x / sqrt(x² + alpha). */
export const NORMALIZATION_ALPHA = 15;
export const EXCLAMATION_BOOST = 0.292;
export const MAX_EXCLAMATIONS = 4;
export const QUESTION_BOOST = 0.18;
export const MAX_QUESTION_BOOST = 0.96;

/** Punctuation that is trimmed from one end of a token ("great!" → "great", '"great' → "great"). */
export const EDGE_PUNCTUATION: ReadonlySet<string> = new Set([
  '.', '!', '?', ',', ';', ':', '-', "'", '"', '!!', '!!!', '??', '???', '?!?', '!?!', '?!?!', '!?!?',
]);

/** Compared case-sensitively, as VADER does. */
export const NEGATIONS: ReadonlySet<string> = new Set([
  'aint', 'arent', 'cannot', 'cant', 'couldnt', 'darent', 'didnt', 'doesnt', "ain't", "aren't", "can't",
  "couldn't", "daren't", "didn't", "doesn't", 'dont', 'hadnt', 'hasnt', 'havent', 'isnt', 'mightnt', 'mustnt',
  'neither', "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", 'neednt', "needn't",
  'never', 'none', 'nope', 'nor', 'not', 'nothing', 'nowhere', 'oughtnt', 'shant', 'shouldnt', 'uhuh', 'wasnt',
  'werent', "oughtn't", "shan't", "shouldn't", 'uh-uh', "wasn't", "weren't", 'without', 'wont', 'wouldnt',
  "won't", "wouldn't", 'rarely', 'seldom', 'despite',
]);

const BOOSTERS = [
  'absolutely', 'amazingly', 'awfully', 'completely', 'considerably', 'decidedly', 'deeply', 'effing',
  'enormously', 'entirely', 'especially', 'exceptionally', 'extremely', 'fabulously', 'flipping', 'flippin',
  'fricking', 'frickin', 'frigging', 'friggin', 'fully', 'fucking', 'greatly', 'hella', 'highly', 'hugely',
  'incredibly', 'intensely', 'majorly', 'more', 'most', 'particularly', 'purely', 'quite', 'really',
  'remarkably', 'so', 'substantially', 'thoroughly', 'totally', 'tremendously', 'uber', 'unbelievably',
  'unusually', 'utterly', 'very',
];
const DAMPENERS = [
  'almost', 'barely', 'hardly', 'just enough', 'kind of', 'kinda', 'kindof', 'kind-of', 'less', 'little',
  'marginally', 'occasionally', 'partly', 'scarcely', 'slightly', 'somewhat', 'sort of', 'sorta', 'sortof',
  'sort-of',
];

/** Degree adverbs and their effect on the intensity of the sentiment word they precede. */
export const DEGREE_MODIFIERS: ReadonlyMap<string, number> = new Map([
  ...BOOSTERS.map((word): [string, number] => [word, BOOST]),
  ...DAMPENERS.map((word): [string, number] => [word, -BOOST]),
]);

/** Phrases whose valence replaces that of the sentiment word inside them. */
export const IDIOMS: ReadonlyMap<string, number> = new Map([
  ['the shit', 3],
  ['the bomb', 3],
  ['bad ass', 1.5],
  ['yeah right', -2],
  ['cut the mustard', 2],
  ['kiss of death', -1.5],
  ['hand to mouth', -2],
]);
