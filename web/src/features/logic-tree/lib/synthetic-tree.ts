/** Synthetic node ids for the editor's tests: the generator of @banso/shared. */
export { syntheticId } from '@banso/shared';
