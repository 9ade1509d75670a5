// Key fingerprints as words a person can read aloud and compare (docs/SECURITY.md item 16): six
// words, one per byte of the SHA-256 fingerprint, from a list of 256 concrete English words whose
// first four letters all differ. 48 bits: far more than a pupil could match by making keys.
// Pure (no DOM, no storage): the lock screen, the staff form and Settings show the same words.

// !!! NEVER CHANGE the list or its order: staff notices printed with a fingerprint's words rely on it.
const WORDS: readonly string[] = [
  'acorn', 'acrobat', 'almond', 'amber', 'anchor', 'apple', 'arrow', 'autumn', 'badge', 'bakery', 'balloon',
  'bamboo', 'banjo', 'barley', 'basket', 'beacon', 'beaver', 'beret', 'bicycle', 'biscuit', 'blanket',
  'blossom', 'bonfire', 'bramble', 'bridge', 'bucket', 'buffalo', 'butter', 'cabin', 'cactus', 'camel',
  'canal', 'candle', 'canoe', 'canyon', 'carpet', 'carrot', 'castle', 'cedar', 'cello', 'chalk', 'cherry',
  'chimney', 'cider', 'circus', 'clover', 'cobalt', 'cobble', 'coconut', 'comet', 'copper', 'coral',
  'cotton', 'cradle', 'crayon', 'cricket', 'crystal', 'cupboard', 'daffodil', 'daisy', 'dolphin', 'donkey',
  'dragon', 'drum', 'dune', 'eagle', 'easel', 'elbow', 'elm', 'ember', 'falcon', 'feather', 'fern', 'ferry',
  'fiddle', 'finch', 'flint', 'flute', 'forest', 'fossil', 'fountain', 'fox', 'gable', 'garden', 'garlic',
  'geyser', 'ginger', 'glacier', 'glove', 'goose', 'granite', 'grape', 'gravel', 'guitar', 'hamlet',
  'hammer', 'harbour', 'harp', 'hatch', 'hazel', 'hedgehog', 'helmet', 'heron', 'honey', 'hornet', 'igloo',
  'ink', 'island', 'ivory', 'jacket', 'jade', 'jasmine', 'jelly', 'jigsaw', 'jungle', 'juniper', 'kayak',
  'kernel', 'kettle', 'kitten', 'kiwi', 'ladder', 'lagoon', 'lantern', 'lasso', 'lemon', 'lettuce',
  'library', 'lily', 'lizard', 'lobster', 'locket', 'magnet', 'mallet', 'mango', 'maple', 'marble', 'meadow',
  'melon', 'meteor', 'mitten', 'monkey', 'moose', 'mountain', 'muffin', 'mushroom', 'napkin', 'nectar',
  'needle', 'nest', 'nugget', 'nutmeg', 'oak', 'oasis', 'ocean', 'olive', 'onion', 'opal', 'orange',
  'orchard', 'otter', 'owl', 'oyster', 'paddle', 'panda', 'parrot', 'parsnip', 'pebble', 'pelican', 'pepper',
  'piano', 'pickle', 'pigeon', 'pillow', 'pine', 'planet', 'plum', 'pocket', 'pony', 'poppy', 'puffin',
  'pumpkin', 'puzzle', 'quarry', 'quiche', 'quill', 'rabbit', 'radish', 'raft', 'rainbow', 'raven', 'ribbon',
  'river', 'robin', 'rocket', 'rudder', 'saddle', 'saffron', 'salmon', 'sandal', 'satchel', 'scarf',
  'seagull', 'sequin', 'shell', 'sherbet', 'silver', 'sketch', 'sledge', 'snail', 'spider', 'spinach',
  'sponge', 'spruce', 'squirrel', 'stable', 'starfish', 'stone', 'strawberry', 'sunflower', 'swan', 'tassel',
  'teapot', 'thimble', 'thistle', 'thunder', 'tiger', 'timber', 'toffee', 'tomato', 'tortoise', 'trumpet',
  'tulip', 'tunnel', 'turnip', 'umbrella', 'urchin', 'valley', 'vase', 'velvet', 'violin', 'volcano',
  'wagon', 'walnut', 'walrus', 'wardrobe', 'wasp', 'water', 'whistle', 'willow', 'window', 'winter',
  'wizard', 'wombat', 'wren', 'yacht',
];

/** How many words a fingerprint is shown as. */
export const FINGERPRINT_WORD_COUNT = 6;

/** The first bytes of a hex fingerprint (64 hex digits, any case, colons allowed) as words. */
export function fingerprintWords(hexFingerprint: string, count: number = FINGERPRINT_WORD_COUNT): string[] {
  const hex = hexFingerprint.replace(/[^0-9a-f]/gi, '').toLowerCase();
  if (hex.length < count * 2) throw new Error('fingerprint too short');
  return Array.from({ length: count }, (_, i) => WORDS[parseInt(hex.slice(i * 2, i * 2 + 2), 16)]!);
}

/** The whole list, for tests. */
export const FINGERPRINT_WORDS = WORDS;
