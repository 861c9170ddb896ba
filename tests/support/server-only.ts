// Tests run server modules directly; the real "server-only" would throw outside React Server Components.
export {};
