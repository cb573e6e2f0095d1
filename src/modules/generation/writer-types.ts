export type PostTone = 'PROFESSIONAL' | 'CASUAL' | 'INSPIRATIONAL' | 'EDUCATIONAL' | 'STORYTELLING' | 'HUMOROUS';

export type PostType = 'STORYTELLING' | 'THOUGHT_LEADERSHIP' | 'EDUCATIONAL' | 'INDUSTRY_INSIGHT' | 'COMPANY_CULTURE' | 'PRODUCT_ANNOUNCEMENT' | 'PLAIN';

export interface GenerationRequest {
  topic: string;
  tone: PostTone;
  audience?: string;
  keywords?: string[];
  /** Characters, at most 3000. */
  maxLength?: number;
  includeHashtags: boolean;
  /** ISO 639-1. */
  language: string;
  postType?: PostType;
}

export interface WriteOptions {
  signal?: AbortSignal;
  /** Text appended to the post. Joined in order, the chunks equal `WrittenPost.content` exactly. */
  onDelta?: (text: string) => void;
}

/** A suggested image to go with a post, for a designer or an image model, and alt text for it. */
export interface ImageSuggestion {
  imageBrief: string | null;
  imageAltText: string | null;
}

export interface WrittenPost {
  provider: 'openai' | 'local';
  content: string;
  /** Normalised, without '#'; the same tags end `content` (empty when hashtags were not asked for). */
  hashtags: string[];
  usage?: { promptTokens: number; completionTokens: number };
  /** A suggested image and its alt text; absent or null when the writer gave none. */
  image?: ImageSuggestion;
}

export interface PostWriter {
  readonly name: 'openai' | 'local';
  write(request: GenerationRequest, options?: WriteOptions): Promise<WrittenPost>;
}
