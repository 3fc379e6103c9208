/**
 * Patterns the actions' input schemas share, with the message the
 * scaffolder shows when a template passes something else.
 */
export const SERVICE_NAME = {
  pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
  message: 'must be a lower-case name of letters, digits and dashes',
};

export const ENTITY_REF = {
  pattern: /^[a-z]+:[a-z0-9-]+\/[a-z0-9][a-z0-9-_.]*$/i,
  message: 'must be like component:default/name',
};

export const IMAGE_REPOSITORY = {
  pattern: /^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)+$/,
  message: 'must be an image repository without a tag',
};

export const HTTP_PATH = {
  pattern: /^\/[A-Za-z0-9/_.-]*$/,
  message: 'must be a path starting with /',
};
