// lint-as: renderer/state/bad-fixture.svelte.ts
// expect: no-restricted-imports
// Renderer state sits below the views: it may not import from renderer/features.
import { editForm } from '../../renderer/features/inspector/edit-forms';

export const form = editForm;
