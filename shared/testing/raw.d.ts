// Vite/Vitest `?raw` imports: the file's text (tests read the template designs this way, since
// shared/ may not import node:fs).
declare module '*?raw' {
  const text: string;
  export default text;
}
