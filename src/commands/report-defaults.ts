/** `mina report` defaults the command line shows before the report code is loaded. */
export const DEFAULT_MAX_AGE_MINUTES = 60;
