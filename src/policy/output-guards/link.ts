/**
 * link: trips on every link whose host is not on the allowlist (subdomains
 * included): URLs with a scheme, mailto: addresses, javascript: and data:
 * URIs, www. names and bare domains ending in a known TLD. Customers trust a
 * link in our voice, so an injected phishing or exfiltration address must not
 * reach them without a human reading it first.
 */
import { listed, prepare } from './text.js';
import type { GuardCheckResult, GuardContext, GuardDraft, OutputGuard } from './types.js';

/** Anything with a scheme and `//` (also `\\`, which browsers read as `//`). */
const SCHEME_URL = /(?<![\p{L}\p{N}+.-])[a-z][a-z0-9+.-]{0,30}:(?:\/\/|\\\\)[^\s<>"'`|)\]]*/giu;
const MAILTO = /(?<![\p{L}\p{N}])mailto:[^\s<>"'`|)\]]*/giu;
/** Schemes that run or embed content and have no domain to allow ("JavaScript: on" in prose is not one). */
const SCRIPT_SCHEME = /(?<![\p{L}\p{N}])(?:(?:javascript|vbscript):(?=\S)|data:[a-z]+\/[a-z0-9.+-]+[;,])[^\s<>"'`|)\]]*/giu;
const WWW = /(?<![\p{L}\p{N}.@-])www\d{0,3}\.[^\s<>"'`|)\]]+/giu;
const GENERIC_TLDS = [
  'com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'info', 'biz', 'app', 'dev', 'xyz', 'online', 'site',
  'shop', 'store', 'tech', 'cloud', 'link', 'click', 'top', 'live', 'news', 'blog', 'page', 'email',
  'support', 'help', 'website', 'space', 'world', 'today', 'network', 'systems', 'digital', 'agency',
  'solutions', 'services', 'company', 'zip', 'mov', 'icu', 'club', 'vip', 'pro', 'mobi', 'name', 'io',
];
/** Country-code TLDs (ISO 3166 plus uk, eu, ac, su): "node.js" is no link, "install.sh" might be one. */
const COUNTRY_TLDS = [
  'ac', 'ad', 'ae', 'af', 'ag', 'ai', 'al', 'am', 'ao', 'aq', 'ar', 'as', 'at', 'au', 'aw', 'ax', 'az', 'ba', 'bb',
  'bd', 'be', 'bf', 'bg', 'bh', 'bi', 'bj', 'bm', 'bn', 'bo', 'br', 'bs', 'bt', 'bw', 'by', 'bz', 'ca', 'cc', 'cd',
  'cf', 'cg', 'ch', 'ci', 'ck', 'cl', 'cm', 'cn', 'co', 'cr', 'cu', 'cv', 'cw', 'cx', 'cy', 'cz', 'de', 'dj', 'dk',
  'dm', 'do', 'dz', 'ec', 'ee', 'eg', 'er', 'es', 'et', 'eu', 'fi', 'fj', 'fk', 'fm', 'fo', 'fr', 'ga', 'gd', 'ge',
  'gf', 'gg', 'gh', 'gi', 'gl', 'gm', 'gn', 'gp', 'gq', 'gr', 'gs', 'gt', 'gu', 'gw', 'gy', 'hk', 'hm', 'hn', 'hr',
  'ht', 'hu', 'id', 'ie', 'il', 'im', 'in', 'io', 'iq', 'ir', 'is', 'it', 'je', 'jm', 'jo', 'jp', 'ke', 'kg', 'kh',
  'ki', 'km', 'kn', 'kp', 'kr', 'kw', 'ky', 'kz', 'la', 'lb', 'lc', 'li', 'lk', 'lr', 'ls', 'lt', 'lu', 'lv', 'ly',
  'ma', 'mc', 'md', 'me', 'mg', 'mh', 'mk', 'ml', 'mm', 'mn', 'mo', 'mp', 'mq', 'mr', 'ms', 'mt', 'mu', 'mv', 'mw',
  'mx', 'my', 'mz', 'na', 'nc', 'ne', 'nf', 'ng', 'ni', 'nl', 'no', 'np', 'nr', 'nu', 'nz', 'om', 'pa', 'pe', 'pf',
  'pg', 'ph', 'pk', 'pl', 'pm', 'pn', 'pr', 'ps', 'pt', 'pw', 'py', 'qa', 're', 'ro', 'rs', 'ru', 'rw', 'sa', 'sb',
  'sc', 'sd', 'se', 'sg', 'sh', 'si', 'sk', 'sl', 'sm', 'sn', 'so', 'sr', 'ss', 'st', 'su', 'sv', 'sx', 'sy', 'sz',
  'tc', 'td', 'tf', 'tg', 'th', 'tj', 'tk', 'tl', 'tm', 'tn', 'to', 'tr', 'tt', 'tv', 'tw', 'tz', 'ua', 'ug', 'uk',
  'us', 'uy', 'uz', 'va', 'vc', 've', 'vg', 'vi', 'vn', 'vu', 'wf', 'ws', 'ye', 'yt', 'za', 'zm', 'zw',
];
/**
 * "docs.acme.io/reset", "evil.co": a dotted name ending in a known TLD, not
 * part of an e-mail address (nothing after it but an optional port and path;
 * a sentence's closing period is fine).
 */
const BARE_DOMAIN = new RegExp(
  String.raw`(?<![\p{L}\p{N}@._-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(?:${[...GENERIC_TLDS, ...COUNTRY_TLDS].join('|')})(?![\p{L}\p{N}@-]|\.[\p{L}\p{N}])(?::\d{1,5})?(?:[/?#][^\s<>"'\x60|)\]]*)?`,
  'giu',
);

function hostOf(candidate: string): string | null {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(candidate) ? candidate.replace(/^([a-z][a-z0-9+.-]*:)\\\\/i, '$1//') : `http://${candidate}`);
    return url.hostname.replace(/\.$/, '').toLowerCase() || null;
  } catch {
    return null;
  }
}

/** An allowlist entry as a bare host: "https://Docs.Acme.io/" and "*.acme.io" become "docs.acme.io" and "acme.io". */
function allowedHost(entry: string): string | null {
  const trimmed = entry.trim().replace(/^\*?\./, '');
  if (!trimmed) return null;
  return hostOf(trimmed);
}

function onAllowlist(host: string, allowed: readonly string[]): boolean {
  return allowed.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

function link(draft: GuardDraft, context: GuardContext): GuardCheckResult {
  let text = prepare(draft.text);
  const allowed = context.linkDomains.map(allowedHost).filter((host): host is string => host !== null);
  const refused: string[] = [];
  const take = (pattern: RegExp, host: (match: string) => string | null): void => {
    text = text.replace(pattern, (match) => {
      const found = host(match);
      if (found === null || !onAllowlist(found, allowed)) refused.push(found ?? match);
      return ' '.repeat(match.length);
    });
  };
  take(MAILTO, (match) => {
    const address = decodeURIComponentSafe(match.slice('mailto:'.length)).split(/[?#]/)[0] ?? '';
    const at = address.lastIndexOf('@');
    return at > 0 ? hostOf(address.slice(at + 1)) : null;
  });
  take(SCRIPT_SCHEME, () => null);
  take(SCHEME_URL, hostOf);
  take(WWW, hostOf);
  take(BARE_DOMAIN, hostOf);
  return refused.length > 0 ? { tripped: true, info: `links outside the allowed domains: ${listed(refused)}` } : { tripped: false };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export const linkGuard: OutputGuard = { name: 'link', reason: 'guard_link', check: link };
