/** Something the user must be told that is not the answer to a call they made — e.g. a damaged
 * settings or cache file was set aside and rebuilt. Shown by the app under the banner and
 * printed by the CLI on stderr. */
export interface AppNotice {
  id: string;
  message: string;
  /** When it happened (ms since epoch). */
  at: number;
}
