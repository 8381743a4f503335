// Gives components the store; each reads only the slice it needs so only it re-renders.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { FerryState } from './store.ts';

export const StoreContext = createContext<StoreApi<FerryState> | null>(null);

export function useFerry<T>(selector: (state: FerryState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useFerry outside StoreContext');
  return useStore(store, selector);
}

/** The store itself, for handlers that read the state when they run (keyboard shortcuts). */
export function useFerryStore(): StoreApi<FerryState> {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useFerryStore outside StoreContext');
  return store;
}
