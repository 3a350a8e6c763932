export { ClassificationChip, classificationLabel } from './ClassificationChip';
