import { german } from './de.js';
import { english } from './en.js';
import { spanish } from './es.js';
import { french } from './fr.js';
import type { Phrasebook } from './phrasebook.js';
import { portuguese } from './pt.js';

/** The languages the offline writer writes, by ISO 639-1 code: the ones the analysis detects well. */
const PHRASEBOOKS: Readonly<Record<string, Phrasebook>> = { en: english, es: spanish, de: german, fr: french, pt: portuguese };

export const LOCAL_WRITER_LANGUAGES = Object.keys(PHRASEBOOKS);

export const phrasebookFor = (language: string): Phrasebook | undefined => (Object.hasOwn(PHRASEBOOKS, language) ? PHRASEBOOKS[language] : undefined);

/** For text in a language the offline writer does not write (a model's post in Japanese still gets hashtags). */
export const DEFAULT_PHRASEBOOK = english;
