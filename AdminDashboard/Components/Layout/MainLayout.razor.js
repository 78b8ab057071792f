// Remembers the admin's theme for the next page load; the server reads the cookie to render that theme at once.
export function rememberTheme(name, value) {
  const secure = location.protocol === "https:" ? "; secure" : "";
  document.cookie = `${name}=${value}; path=/; max-age=31536000; samesite=lax${secure}`;
}
