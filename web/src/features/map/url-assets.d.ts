// Vite's `?url` imports (vite/client types are not in this project's tsconfig): the asset's public URL.
declare module '*?url' {
  const url: string;
  export default url;
}
