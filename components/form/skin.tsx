"use client";

import { createContext, useContext } from "react";
import { type FormSkin, SKINS } from "./styles";

const SkinContext = createContext<FormSkin>("app");

/** Wraps a form whose fields take the Plesk skins' look; everything else stays the same. */
export const PanelSkin = ({ children }: { children: React.ReactNode }) => (
  <SkinContext.Provider value="panel">{children}</SkinContext.Provider>
);

export const useSkin = () => SKINS[useContext(SkinContext)];
