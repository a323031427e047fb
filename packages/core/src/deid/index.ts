/** De-identification: PS3.15 Annex E Basic Profile with Retain Longitudinal Modified Dates and Retain Patient Characteristics. */
export * from './basicProfileActions.ts';
export * from './pseudonyms.ts';
export * from './shiftDate.ts';
export * from './deidentify.ts';
