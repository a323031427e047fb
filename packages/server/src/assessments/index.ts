/** Response assessments: the REST plugin of their workflow, their store and its error catalog. */
export * from './AssessmentStore.ts';
export * from './SqliteAssessmentStore.ts';
export * from './assessmentErrors.ts';
export * from './assessmentSchemas.ts';
export * from './assessmentStoreFor.ts';
export * from './assessmentsPlugin.ts';
