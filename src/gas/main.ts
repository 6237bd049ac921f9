/** The bundle's entry: it only exposes the registry. No code runs at load. */
export { entryPoints } from './entry-points';
