/**
 * The browsers' own cookie texts, verbatim, keyed by reason. Chrome: the Network panel tooltips,
 * ChromeDevTools/devtools-frontend front_end/core/sdk/NetworkRequest.ts (UIStrings; the back-ticks
 * are literal). Firefox: console messages, mozilla/gecko-dev netwerk/locales/en-US/necko.properties.
 */

/** Chrome DevTools tooltip for a cookie not sent (CookieBlockedReason). */
export const CHROME_SEND_TEXT: Readonly<Record<string, string>> = {
  SecureOnly: 'This cookie was blocked because it had the "`Secure`" attribute and the connection was not secure.',
  NotOnPath:
    "This cookie was blocked because its path was not an exact match for or a superdirectory of the request url's path.",
  DomainMismatch:
    "This cookie was blocked because neither did the request URL's domain exactly match the cookie's domain, nor was the request URL's domain a subdomain of the cookie's Domain attribute value.",
  SameSiteStrict:
    'This cookie was blocked because it had the "`SameSite=Strict`" attribute and the request was made from a different site. This includes top-level navigation requests initiated by other sites.',
  SameSiteLax:
    'This cookie was blocked because it had the "`SameSite=Lax`" attribute and the request was made from a different site and was not initiated by a top-level navigation.',
  SameSiteUnspecifiedTreatedAsLax:
    'This cookie didn\'t specify a "`SameSite`" attribute when it was stored and was defaulted to "SameSite=Lax," and was blocked because the request was made from a different site and was not initiated by a top-level navigation. The cookie had to have been set with "`SameSite=None`" to enable cross-site usage.',
  SameSiteNoneInsecure:
    'This cookie was blocked because it had the "`SameSite=None`" attribute but was not marked "Secure". Cookies without SameSite restrictions must be marked "Secure" and sent over a secure connection.',
  UserPreferences: 'This cookie was blocked due to user preferences.',
  ThirdPartyPhaseout: 'This cookie was blocked due to third-party cookie phaseout. Learn more in the Issues tab.',
  UnknownError: 'An unknown error was encountered when trying to send this cookie.',
  SchemefulSameSiteStrict:
    'This cookie was blocked because it had the "`SameSite=Strict`" attribute but the request was cross-site. This includes top-level navigation requests initiated by other sites. This request is considered cross-site because the URL has a different scheme than the current site.',
  SchemefulSameSiteLax:
    'This cookie was blocked because it had the "`SameSite=Lax`" attribute but the request was cross-site and was not initiated by a top-level navigation. This request is considered cross-site because the URL has a different scheme than the current site.',
  SchemefulSameSiteUnspecifiedTreatedAsLax:
    'This cookie didn\'t specify a "`SameSite`" attribute when it was stored, was defaulted to "`SameSite=Lax"`, and was blocked because the request was cross-site and was not initiated by a top-level navigation. This request is considered cross-site because the URL has a different scheme than the current site.',
  NameValuePairExceedsMaxSize:
    'This cookie was blocked because it was too large. The combined size of the name and value must be less than or equal to 4096 characters.',
};

const SET = 'This attempt to set a cookie via a `Set-Cookie` header was blocked';
const CROSS_SITE_RESPONSE = 'came from a cross-site response which was not the response to a top-level navigation.';
const SCHEME = ' This response is considered cross-site because the URL has a different scheme than the current site.';

/** Chrome DevTools tooltip for a blocked Set-Cookie (SetCookieBlockedReason). */
export const CHROME_SET_TEXT: Readonly<Record<string, string>> = {
  UserPreferences: `${SET} due to user preferences.`,
  ThirdPartyPhaseout: 'Setting this cookie was blocked due to third-party cookie phaseout. Learn more in the Issues tab.',
  SyntaxError: 'This `Set-Cookie` header had invalid syntax.',
  DisallowedCharacter:
    'This `Set-Cookie` header contained a disallowed character (a forbidden ASCII control character, or the tab character if it appears in the middle of the cookie name, value, an attribute name, or an attribute value).',
  SchemeNotSupported: 'The scheme of this connection is not allowed to store cookies.',
  UnknownError: 'An unknown error was encountered when trying to store this cookie.',
  SecureOnly: `${SET} because it had the "Secure" attribute but was not received over a secure connection.`,
  SameSiteStrict: `${SET} because it had the "SameSite=Strict" attribute but ${CROSS_SITE_RESPONSE}`,
  SameSiteLax: `${SET} because it had the "SameSite=Lax" attribute but ${CROSS_SITE_RESPONSE}`,
  SameSiteUnspecifiedTreatedAsLax:
    'This `Set-Cookie` header didn\'t specify a "`SameSite`" attribute and was defaulted to "`SameSite=Lax,`" and was blocked because it came from a cross-site response which was not the response to a top-level navigation. The `Set-Cookie` had to have been set with "`SameSite=None`" to enable cross-site usage.',
  SameSiteNoneInsecure: `${SET} because it had the "\`SameSite=None\`" attribute but did not have the "Secure" attribute, which is required in order to use "\`SameSite=None\`".`,
  OverwriteSecure: `${SET} because it was not sent over a secure connection and would have overwritten a cookie with the Secure attribute.`,
  InvalidDomain: `${SET} because its Domain attribute was invalid with regards to the current host url.`,
  InvalidPrefix: `${SET} because it used the "\`__Secure-\`" or "\`__Host-\`" prefix in its name and broke the additional rules applied to cookies with these prefixes as defined in \`https://tools.ietf.org/html/draft-west-cookie-prefixes-05\`.`,
  SchemefulSameSiteStrict: `${SET} because it had the "SameSite=Strict" attribute but ${CROSS_SITE_RESPONSE}${SCHEME}`,
  SchemefulSameSiteLax: `${SET} because it had the "SameSite=Lax" attribute but ${CROSS_SITE_RESPONSE}${SCHEME}`,
  SchemefulSameSiteUnspecifiedTreatedAsLax:
    'This `Set-Cookie` header didn\'t specify a "`SameSite`" attribute, was defaulted to "`SameSite=Lax"`, and was blocked because it came from a cross-site response which was not the response to a top-level navigation. This response is considered cross-site because the URL has a different scheme than the current site.',
  NameValuePairExceedsMaxSize: `${SET} because the cookie was too large. The combined size of the name and value must be less than or equal to 4096 characters.`,
};

/** The Chrome DevTools tooltip for a reason, or null when DevTools has none (our own reasons). */
export function chromeDevToolsText(reason: string, direction: 'set' | 'send'): string | null {
  const table = direction === 'set' ? CHROME_SET_TEXT : CHROME_SEND_TEXT;
  return Object.prototype.hasOwnProperty.call(table, reason) ? table[reason]! : null;
}

/** Firefox console templates (necko.properties); `%1$S` is the cookie name, `%2$S` the second argument. */
export const FIREFOX_TEMPLATES: Readonly<Record<string, string>> = {
  CookieRejectedNonRequiresSecure2:
    'Cookie “%1$S” rejected because it has the “SameSite=None” attribute but is missing the “secure” attribute.',
  CookieRejectedForNonSameSiteness:
    'Cookie “%1$S” has been rejected because it is in a cross-site context and its “SameSite” is “Lax” or “Strict”.',
  CookieRejectedSecureButNonHttps: 'Cookie “%1$S” has been rejected because a non-HTTPS cookie can’t be set as “secure”.',
  CookieRejectedNonsecureOverSecure: 'Cookie “%1$S” has been rejected because there is an existing “secure” cookie.',
  CookieRejectedInvalidPrefix: 'Cookie “%1$S” has been rejected for invalid prefix.',
  CookieRejectedInvalidDomain: 'Cookie “%1$S” has been rejected for invalid domain.',
  CookieRejectedThirdParty: 'Cookie “%1$S” has been rejected as third-party.',
  CookieRejectedPartitionedRequiresSecure:
    'Cookie “%1$S” has been rejected because it has the “Partitioned” attribute but is missing the “secure” attribute.',
  CookieBlockedCrossSiteRedirect:
    'Cookie “%1$S” with the “SameSite” attribute value “Lax” or “Strict” was omitted because of a cross-site redirect.',
  CookieOversize: 'Cookie “%1$S” is invalid because its size is too big. Max size is %2$S B.',
  CookiePartitionedForeign2:
    'Partitioned cookie or storage access was provided to “%1$S” because it is loaded in the third-party context and dynamic state partitioning is enabled.',
};

/** Fills a Firefox template: `%1$S`, `%2$S`. */
export function firefoxMessage(key: string, arg1: string, arg2 = ''): string | null {
  const t = Object.prototype.hasOwnProperty.call(FIREFOX_TEMPLATES, key) ? FIREFOX_TEMPLATES[key]! : null;
  return t === null ? null : t.replaceAll('%1$S', arg1).replaceAll('%2$S', arg2);
}
