// The consultation's photos as the skin, hair and loss steps use them: how many there are,
// how many have a fitted pose (the analysis needs one), and the latest analysis of them
// (GET .../photo-analysis: the measured phototype, hair colour and coverage map), or
// null when they have not been measured yet.
import { api, ApiError } from '../api.js';

const posed = (p) => p.pose && !p.pose.refused;

export async function photoMeasures(id) {
  const { photos } = await api.get(`/api/consultations/${id}/photos`);
  const counts = { photos: photos.length, posed: photos.filter(posed).length };
  if (!counts.posed) return { ...counts, analysis: null };
  try {
    return { ...counts, analysis: (await api.get(`/api/consultations/${id}/photo-analysis`)).analysis };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return { ...counts, analysis: null };  // not measured yet
    throw e;
  }
}

// A new analysis of the posed photos, kept by the server as the latest.
export async function measurePhotos(id) {
  return (await api.post(`/api/consultations/${id}/photo-analysis`, {})).analysis;
}

export const analysisFileUrl = (analysis, file) => `/api/photo-analyses/${analysis.id}/files/${file}`;
