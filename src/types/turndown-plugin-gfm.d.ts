declare module 'turndown-plugin-gfm' {
  import type TurndownService from 'turndown';

  /** GitHub Flavored Markdown: tables, strikethrough and task lists. */
  export const gfm: TurndownService.Plugin;
  export const tables: TurndownService.Plugin;
  export const strikethrough: TurndownService.Plugin;
}
