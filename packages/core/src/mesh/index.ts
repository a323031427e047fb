export * from './Mesh.ts';
export { labelToMesh } from './labelToMesh.ts';
export * from './smoothMesh.ts';
export * from './meshComponents.ts';
export * from './computeNormals.ts';
export * from './meshMeasures.ts';
export { checkMeshTopology, type MeshTopology } from './checkMeshTopology.ts';
export * from './decimateMesh.ts';
export * from './meshesFromLabels.ts';
