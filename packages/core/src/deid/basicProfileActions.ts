/**
 * PS3.15 Annex E, Table E.1-1: the Basic Application Level Confidentiality Profile's action per
 * attribute, with the columns of two options, as data.
 *
 * Actions (PS3.15 §E.1.1): D replace with a dummy value, Z zero length (or dummy), X remove,
 * K keep, C clean (keep meaning, remove identifying detail), U replace UIDs consistently; combined
 * codes (X/Z, X/D, Z/D, X/Z/D, X/Z/U*) are resolved to the most information-preserving one that
 * is still conformant (see {@link resolveAction}).
 */

/** A profile action code, single or combined, as Table E.1-1 spells it. */
export type ProfileAction = 'D' | 'Z' | 'X' | 'K' | 'C' | 'U' | 'X/Z' | 'X/D' | 'Z/D' | 'X/Z/D' | 'X/Z/U';

/** The action actually applied after resolving combined codes and options. */
export type AppliedAction = 'D' | 'Z' | 'X' | 'K' | 'C' | 'U';

/** One row of the table: tag as 8 hex digits (DICOM JSON model key), keyword, Basic action. */
export interface ProfileRow {
  tag: string;
  keyword: string;
  basic: ProfileAction;
  /** Action under "Retain Longitudinal Temporal Information with Modified Dates" (113107). */
  longitudinalModifiedDates?: 'C' | 'K';
  /** Action under "Retain Patient Characteristics" (113108). */
  patientCharacteristics?: 'K' | 'C';
}

// [tag, keyword, basic, option column flags]: M = Rtn. Long. Modif. Dates → C, P = Rtn. Pat. Chars → K.
const ROWS: [string, string, ProfileAction, ('M' | 'P')?][] = [
  ['00080012', 'InstanceCreationDate', 'X/D', 'M'],
  ['00080013', 'InstanceCreationTime', 'X/Z/D', 'M'],
  ['00080014', 'InstanceCreatorUID', 'U'],
  ['00080018', 'SOPInstanceUID', 'U'],
  ['00080020', 'StudyDate', 'Z', 'M'],
  ['00080021', 'SeriesDate', 'X/D', 'M'],
  ['00080022', 'AcquisitionDate', 'X/Z', 'M'],
  ['00080023', 'ContentDate', 'Z/D', 'M'],
  ['00080024', 'OverlayDate', 'X', 'M'],
  ['00080025', 'CurveDate', 'X', 'M'],
  ['0008002A', 'AcquisitionDateTime', 'X/D', 'M'],
  ['00080030', 'StudyTime', 'Z', 'M'],
  ['00080031', 'SeriesTime', 'X/D', 'M'],
  ['00080032', 'AcquisitionTime', 'X/Z', 'M'],
  ['00080033', 'ContentTime', 'Z/D', 'M'],
  ['00080034', 'OverlayTime', 'X', 'M'],
  ['00080035', 'CurveTime', 'X', 'M'],
  ['00080050', 'AccessionNumber', 'Z'],
  ['00080058', 'FailedSOPInstanceUIDList', 'U'],
  ['00080080', 'InstitutionName', 'X/Z/D'],
  ['00080081', 'InstitutionAddress', 'X'],
  ['00080082', 'InstitutionCodeSequence', 'X/Z/D'],
  ['00080090', 'ReferringPhysicianName', 'Z'],
  ['00080092', 'ReferringPhysicianAddress', 'X'],
  ['00080094', 'ReferringPhysicianTelephoneNumbers', 'X'],
  ['00080096', 'ReferringPhysicianIdentificationSequence', 'X'],
  ['0008009C', 'ConsultingPhysicianName', 'Z'],
  ['0008009D', 'ConsultingPhysicianIdentificationSequence', 'X'],
  ['00080201', 'TimezoneOffsetFromUTC', 'X'],
  ['00081010', 'StationName', 'X/Z/D'],
  ['00081030', 'StudyDescription', 'X'],
  ['0008103E', 'SeriesDescription', 'X'],
  ['00081040', 'InstitutionalDepartmentName', 'X'],
  ['00081048', 'PhysiciansOfRecord', 'X'],
  ['00081049', 'PhysiciansOfRecordIdentificationSequence', 'X'],
  ['00081050', 'PerformingPhysicianName', 'X'],
  ['00081052', 'PerformingPhysicianIdentificationSequence', 'X'],
  ['00081060', 'NameOfPhysiciansReadingStudy', 'X'],
  ['00081062', 'PhysiciansReadingStudyIdentificationSequence', 'X'],
  ['00081070', 'OperatorsName', 'X/Z/D'],
  ['00081072', 'OperatorIdentificationSequence', 'X/D'],
  ['00081080', 'AdmittingDiagnosesDescription', 'X'],
  ['00081084', 'AdmittingDiagnosesCodeSequence', 'X'],
  ['00081110', 'ReferencedStudySequence', 'X/Z'],
  ['00081111', 'ReferencedPerformedProcedureStepSequence', 'X/Z/D'],
  ['00081120', 'ReferencedPatientSequence', 'X'],
  ['00081140', 'ReferencedImageSequence', 'X/Z/U'],
  ['00081155', 'ReferencedSOPInstanceUID', 'U'],
  ['00081195', 'TransactionUID', 'U'],
  ['00082111', 'DerivationDescription', 'X'],
  ['00082112', 'SourceImageSequence', 'X/Z/U'],
  ['00083010', 'IrradiationEventUID', 'U'],
  ['00084000', 'IdentifyingComments', 'X'],
  ['00089123', 'CreatorVersionUID', 'U'],
  ['00100010', 'PatientName', 'Z'],
  ['00100020', 'PatientID', 'Z'],
  ['00100021', 'IssuerOfPatientID', 'X'],
  ['00100030', 'PatientBirthDate', 'Z'],
  ['00100032', 'PatientBirthTime', 'X'],
  ['00100040', 'PatientSex', 'Z', 'P'],
  ['00100050', 'PatientInsurancePlanCodeSequence', 'X'],
  ['00100101', 'PatientPrimaryLanguageCodeSequence', 'X'],
  ['00100102', 'PatientPrimaryLanguageModifierCodeSequence', 'X'],
  ['00101000', 'OtherPatientIDs', 'X'],
  ['00101001', 'OtherPatientNames', 'X'],
  ['00101002', 'OtherPatientIDsSequence', 'X'],
  ['00101005', 'PatientBirthName', 'X'],
  ['00101010', 'PatientAge', 'X', 'P'],
  ['00101020', 'PatientSize', 'X', 'P'],
  ['00101030', 'PatientWeight', 'X', 'P'],
  ['00101040', 'PatientAddress', 'X'],
  ['00101050', 'InsurancePlanIdentification', 'X'],
  ['00101060', 'PatientMotherBirthName', 'X'],
  ['00101080', 'MilitaryRank', 'X'],
  ['00101081', 'BranchOfService', 'X'],
  ['00101090', 'MedicalRecordLocator', 'X'],
  ['00102000', 'MedicalAlerts', 'X', 'P'],
  ['00102110', 'Allergies', 'X', 'P'],
  ['00102150', 'CountryOfResidence', 'X'],
  ['00102152', 'RegionOfResidence', 'X'],
  ['00102154', 'PatientTelephoneNumbers', 'X'],
  ['00102160', 'EthnicGroup', 'X', 'P'],
  ['00102180', 'Occupation', 'X'],
  ['001021A0', 'SmokingStatus', 'X', 'P'],
  ['001021B0', 'AdditionalPatientHistory', 'X'],
  ['001021C0', 'PregnancyStatus', 'X', 'P'],
  ['001021D0', 'LastMenstrualDate', 'X', 'M'],
  ['001021F0', 'PatientReligiousPreference', 'X'],
  ['00102203', 'PatientSexNeutered', 'X/Z', 'P'],
  ['00102297', 'ResponsiblePerson', 'X'],
  ['00102299', 'ResponsibleOrganization', 'X'],
  ['00104000', 'PatientComments', 'X'],
  ['00180010', 'ContrastBolusAgent', 'Z/D'],
  ['00181000', 'DeviceSerialNumber', 'X/Z/D'],
  ['00181002', 'DeviceUID', 'U'],
  ['00181004', 'PlateID', 'X'],
  ['00181005', 'GeneratorID', 'X'],
  ['00181007', 'CassetteID', 'X'],
  ['00181008', 'GantryID', 'X'],
  ['00181030', 'ProtocolName', 'X/D'],
  ['00181400', 'AcquisitionDeviceProcessingDescription', 'X/D'],
  ['00184000', 'AcquisitionComments', 'X'],
  ['0018700A', 'DetectorID', 'X/D'],
  ['00189424', 'AcquisitionProtocolDescription', 'X'],
  ['0018A003', 'ContributionDescription', 'X'],
  ['0020000D', 'StudyInstanceUID', 'U'],
  ['0020000E', 'SeriesInstanceUID', 'U'],
  ['00200010', 'StudyID', 'Z'],
  ['00200052', 'FrameOfReferenceUID', 'U'],
  ['00200200', 'SynchronizationFrameOfReferenceUID', 'U'],
  ['00203401', 'ModifyingDeviceID', 'X'],
  ['00203404', 'ModifyingDeviceManufacturer', 'X'],
  ['00203406', 'ModifiedImageDescription', 'X'],
  ['00204000', 'ImageComments', 'X'],
  ['00209158', 'FrameComments', 'X'],
  ['00209161', 'ConcatenationUID', 'U'],
  ['00209164', 'DimensionOrganizationUID', 'U'],
  ['00281199', 'PaletteColorLookupTableUID', 'U'],
  ['00281214', 'LargePaletteColorLookupTableUID', 'U'],
  ['00284000', 'ImagePresentationComments', 'X'],
  ['00320012', 'StudyIDIssuer', 'X'],
  ['00321020', 'ScheduledStudyLocation', 'X'],
  ['00321021', 'ScheduledStudyLocationAETitle', 'X'],
  ['00321030', 'ReasonForStudy', 'X'],
  ['00321032', 'RequestingPhysician', 'X'],
  ['00321033', 'RequestingService', 'X'],
  ['00321060', 'RequestedProcedureDescription', 'X/Z'],
  ['00321070', 'RequestedContrastAgent', 'X'],
  ['00324000', 'StudyComments', 'X'],
  ['00380010', 'AdmissionID', 'X'],
  ['00380300', 'CurrentPatientLocation', 'X'],
  ['00380400', 'PatientInstitutionResidence', 'X'],
  ['00380500', 'PatientState', 'X', 'P'],
  ['00384000', 'VisitComments', 'X'],
  ['00400001', 'ScheduledStationAETitle', 'X'],
  ['00400002', 'ScheduledProcedureStepStartDate', 'X', 'M'],
  ['00400006', 'ScheduledPerformingPhysicianName', 'X'],
  ['00400007', 'ScheduledProcedureStepDescription', 'X'],
  ['00400010', 'ScheduledStationName', 'X'],
  ['00400011', 'ScheduledProcedureStepLocation', 'X'],
  ['00400241', 'PerformedStationAETitle', 'X'],
  ['00400242', 'PerformedStationName', 'X'],
  ['00400243', 'PerformedLocation', 'X'],
  ['00400244', 'PerformedProcedureStepStartDate', 'X', 'M'],
  ['00400245', 'PerformedProcedureStepStartTime', 'X', 'M'],
  ['00400250', 'PerformedProcedureStepEndDate', 'X', 'M'],
  ['00400251', 'PerformedProcedureStepEndTime', 'X', 'M'],
  ['00400253', 'PerformedProcedureStepID', 'X'],
  ['00400254', 'PerformedProcedureStepDescription', 'X'],
  ['00400275', 'RequestAttributesSequence', 'X'],
  ['00400280', 'CommentsOnThePerformedProcedureStep', 'X'],
  ['00401001', 'RequestedProcedureID', 'X'],
  ['00401004', 'PatientTransportArrangements', 'X'],
  ['00401005', 'RequestedProcedureLocation', 'X'],
  ['00401010', 'NamesOfIntendedRecipientsOfResults', 'X'],
  ['00401400', 'RequestedProcedureComments', 'X'],
  ['00402001', 'ReasonForTheImagingServiceRequest', 'X'],
  ['00402016', 'PlacerOrderNumberImagingServiceRequest', 'Z'],
  ['00402017', 'FillerOrderNumberImagingServiceRequest', 'Z'],
  ['00402400', 'ImagingServiceRequestComments', 'X'],
  ['0040A027', 'VerifyingOrganization', 'X'],
  ['0040A073', 'VerifyingObserverSequence', 'X/D'],
  ['0040A075', 'VerifyingObserverName', 'X/D'],
  ['0040A123', 'PersonName', 'X/D'],
  ['0040A124', 'UID', 'U'],
  ['0040DB0C', 'TemplateExtensionOrganizationUID', 'U'],
  ['0040DB0D', 'TemplateExtensionCreatorUID', 'U'],
  ['00700001', 'GraphicAnnotationSequence', 'X/D'],
  ['00700084', 'ContentCreatorName', 'Z'],
  ['00701101', 'FiducialUID', 'U'],
  ['00880140', 'StorageMediaFileSetUID', 'U'],
  ['30060024', 'ReferencedFrameOfReferenceUID', 'U'],
  ['300600C2', 'RelatedFrameOfReferenceUID', 'U'],
  ['300A0013', 'DoseReferenceUID', 'U'],
  ['40004000', 'TextComments', 'X'],
  ['FFFAFFFA', 'DigitalSignaturesSequence', 'X'],
  ['FFFCFFFC', 'DataSetTrailingPadding', 'X'],
];

/** Table E.1-1 (the rows Voxa implements), keyed by tag (8 upper-case hex digits). */
export const BASIC_PROFILE_ACTIONS: ReadonlyMap<string, ProfileRow> = new Map(
  ROWS.filter(([tag]) => tag.length === 8).map(([tag, keyword, basic, opt]) => [
    tag,
    { tag, keyword, basic, ...(opt === 'M' ? { longitudinalModifiedDates: 'C' as const } : {}), ...(opt === 'P' ? { patientCharacteristics: 'K' as const } : {}) },
  ]),
);

/** Which profile options are in force (PS3.15 Table E.1-1 columns). */
export interface ProfileOptions {
  retainLongitudinalModifiedDates: boolean;
  retainPatientCharacteristics: boolean;
}

/**
 * The action applied to one row: an option's column wins over the Basic column; combined codes
 * resolve to D where a dummy is allowed (keeps Type 1/2 attributes present), else Z, and X/Z/U*
 * to U (sequences of references are kept with their UIDs replaced).
 */
export function resolveAction(row: ProfileRow, options: ProfileOptions): AppliedAction {
  if (options.retainPatientCharacteristics && row.patientCharacteristics) return row.patientCharacteristics;
  if (options.retainLongitudinalModifiedDates && row.longitudinalModifiedDates) return row.longitudinalModifiedDates;
  switch (row.basic) {
    case 'X/Z': return 'Z';
    case 'X/D': case 'Z/D': case 'X/Z/D': return 'D';
    case 'X/Z/U': return 'U';
    default: return row.basic;
  }
}

/** Applied action for a tag, or undefined when the tag is not in the table. */
export function actionForTag(tag: string, options: ProfileOptions): AppliedAction | undefined {
  const row = BASIC_PROFILE_ACTIONS.get(tag.toUpperCase());
  return row ? resolveAction(row, options) : undefined;
}
