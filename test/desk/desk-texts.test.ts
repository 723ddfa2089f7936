/** What the desk says never splits an emoji in half, however long the clicked id or customer text. */
import { describe, expect, it } from 'vitest';
import { noSuchTicket } from '../../src/desk/desk-texts.js';
import { PLAIN_DIALECT, renderRichText } from '../../src/present/rich-text.js';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('desk texts', () => {
  it('cuts a long id at a whole character', () => {
    for (const pad of ['', 'x']) {
      const text = renderRichText(noSuchTicket(`${pad}${'😀'.repeat(40)}`), PLAIN_DIALECT);
      expect(text).not.toMatch(LONE_SURROGATE);
      expect(text).toMatch(/… does not exist\.$/);
    }
  });
});
